"""CE certificates: the PDF, its Ed25519 signature over the canonical payload, verification, transcripts."""
