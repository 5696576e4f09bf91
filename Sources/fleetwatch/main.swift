print("fleetwatch")
