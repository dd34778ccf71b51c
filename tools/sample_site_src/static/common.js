function doZoom(size){var zoom=document.getElementById("zoom");if(zoom){zoom.style.fontSize=size+"px";}}
