"""spaCy: pipelines, tokens, entity and quote suggestions. spaCy itself is imported only
inside the functions that need it, so importing this package stays fast."""
