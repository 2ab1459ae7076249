"""Writing courses: scaffolding new pieces, the JSON Schema of each course file, Moodle GIFT import and export."""
