"""Reusable rendering: widgets and charts that take DataFrames and draw them."""
