"""The Textual browser. Everything below herzlich_tui.ui may import textual; nothing outside it does."""
