"""Machine translation: engines behind one protocol, a registry, and the pending-segments pipeline."""
