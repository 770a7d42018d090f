"""Comparing annotators' work, adjudicating it, and measuring their agreement."""
