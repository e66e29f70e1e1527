c.later("made_by_include");
