console.log("build: placeholder until the desktop app lands")
