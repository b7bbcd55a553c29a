"""The organisation's website as a source of the knowledge search: its pages by its
sitemap.xml, each page's main text (docs/kennisbank.md)."""
