from sessionlens.cli import main

main()
