// Placeholder entry point so the Worker (an Exe) builds; the real host replaces this file.
return 0;
