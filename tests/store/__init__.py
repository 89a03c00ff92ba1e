"""The tests of quotes.store, one module per module of the package."""
