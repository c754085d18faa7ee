// Express serves the page in views/home.pug on port 8080.
const express = require('express');
const app = express();
const port = 8080;

app.set('view engine', 'pug');
app.set('views', './views');

app.get('/', (req, res) => {
  res.render('home');
});

app.listen(port, () => {
  console.log(`web-app listening on port ${port}`);
});
