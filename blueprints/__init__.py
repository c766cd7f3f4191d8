"""HTTP layer: blueprints, forms, and the request plumbing (sessions, headers, audit, access)."""
