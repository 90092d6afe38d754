"""Publishing: approved editions → a bilingual static site, and its deployment.

`plan` decides which pages exist and what each depends on, `body` turns segments
into sanitised HTML, `render` fills the Jinja templates, `site` is the only code
that writes the site to disk (atomic swap, incremental), `deploy` copies it out.
"""
