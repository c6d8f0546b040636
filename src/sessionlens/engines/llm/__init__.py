"""The llm engine: map, reduce and assembly over any OpenAI-compatible endpoint."""
