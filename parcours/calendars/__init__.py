"""Calendars: the sessions of the dossiers as iCalendar files, and the private, revocable
subscription addresses that agenda apps fetch (`CalendarFeed`)."""
