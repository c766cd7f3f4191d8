"""The initial schema (revision 0001), one module per area, kept in foreign-key order."""
