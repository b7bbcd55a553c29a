"""Letters (kanaal ``post``): composed as PDF and handed to the print street."""
