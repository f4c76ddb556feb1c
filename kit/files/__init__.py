"""Files: encrypted storage of files holding personal data, and backup/restore of an instance."""
