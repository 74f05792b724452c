"""The plan of the site: every page and file the handbook publishes, its address and its content."""
