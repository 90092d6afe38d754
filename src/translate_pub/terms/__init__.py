"""Controlled glossary: the termbase (`glossary`), finding terms in Russian text in every
inflected form (`match`, with `morph` and `verify`), and checking that a translation
uses the house-style renderings and none of the forbidden ones (`check`)."""
