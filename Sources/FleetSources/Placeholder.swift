enum FleetSourcesPlaceholder {}
