"""Writers: change an author's files safely, line by line, and create new ones without overwriting."""
