"""herzlich-tui: browse the annual reviews of herzlich digital (Kaiserslautern) as structured data."""

__version__ = "0.1.0"
