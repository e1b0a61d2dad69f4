"""The Dash app: cited economic time series in the browser."""
