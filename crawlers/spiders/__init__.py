"""Spiders: :class:`~crawlers.spiders.base.GovNewsSpider` and its ready-made subclasses."""
