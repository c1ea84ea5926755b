from fcheck.cli import main

main()
