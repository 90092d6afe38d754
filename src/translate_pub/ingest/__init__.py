"""Turn sources (files, folders, pages, feeds) into segmented Documents with provenance."""
