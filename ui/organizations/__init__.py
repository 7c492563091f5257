"""The organization side of staffing: the Organizations page and the shareholder register."""
