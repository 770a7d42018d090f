"""The bad-input contract (issue 12, item 7): every hostile input gets a clear verdict."""
