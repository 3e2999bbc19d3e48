"""Cookie consent: the registry of cookies, the banner, the visitor's choices and their proof."""
