"""Modal dialogs, each a typed ModalScreen returning its answer with dismiss()."""
