publish("jsbad", "SELECT 1").tags(;
