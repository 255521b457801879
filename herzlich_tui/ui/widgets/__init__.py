"""Widgets of the browser; they send messages up and receive state down."""
