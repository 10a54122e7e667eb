"""The pure domain core: no Django import below this package."""
