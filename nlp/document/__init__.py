"""The reading of a whole document: sections and sentences, the frame (headline, dateline,
lead), one pass over the sentences with typed state, and the resolver that gives each figure
its place and period."""
