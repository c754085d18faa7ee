const request = require('supertest');
const app = require('../app');

describe('GET /', () => {
  it('answers 200 with the home page', () =>
    request(app).get('/').expect(200).expect(/Docker/));
});
