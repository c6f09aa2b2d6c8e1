print("tutorat")
