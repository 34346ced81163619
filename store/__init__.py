"""Where the graph lives: the embedded Oxigraph store and remote SPARQL endpoints."""
