"""The review web app: queue, side-by-side editor with glossary and QA, workflow states,
roles and security, XLIFF/TMX exchange, and the Publish button (see app.create_app)."""
