"""The invented demo data set behind `flask seed-demo` (every name, number and address made up)."""
