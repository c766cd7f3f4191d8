"""HTTP-free changes to rows: each function takes a session, flushes, never commits, and raises
named errors; the blueprint that called it commits once per request."""
