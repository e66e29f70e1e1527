operate().queries("SELECT 3");
