"""The working-day calendar: public holidays, days off and make-up working days."""
