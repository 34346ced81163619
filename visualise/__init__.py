"""Views, pictures, reports and exports built from the graph."""
