"""Extractive NLP steps of the offline engine, one responsibility per module."""
