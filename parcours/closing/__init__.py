"""The end of a contract, in Django: declaring and correcting a rupture, the OPCO's
acknowledgment of its written notice, preparing the attestation de fin de contrat, and
what the closing rules still miss (`checklist`). No models: the rupture and the
attestation are sections of the dossier's document."""
