"""Controlled glossary: the termbase (`glossary`, with TBX in and out in `tbx`), finding terms in
Russian text in every inflected form (`match`, with `morph`, `verify`, `context`, `compile` and
`cache`), and checking that a translation uses the house-style renderings and none of the
forbidden ones (`check`, comparing English phrases as `phrases` does).

Imports go one way: `phrases`, `morph` ← `glossary` ← `tbx`, `verify`, `compile` ← `match` ← `check`."""
