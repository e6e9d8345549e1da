"""Extract: pure functions of (Article, Doc) returning records with character spans."""
