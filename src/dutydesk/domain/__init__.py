"""Pure domain logic: imports neither Textual nor SQLModel, and never reads the clock."""
