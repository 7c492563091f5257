"""File ▸ Import and File ▸ Export: spreadsheet files in and out through oneaqita.transfer."""
