"""Full-process risk controls: counterparty due diligence (party register, ownership, risk score, reviews).

Pure: no database, no files. Services hand the data in.
"""
